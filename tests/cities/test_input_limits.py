"""A group's texts have a maximum length the form states and enforces."""

import pytest

from cities.models import LocalGroup
from tests.cities.conftest import group_form_data
from tests.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize("field", ["description", "rights_gaps"])
def test_it_refuses_a_group_text_longer_than_the_limit(client, person, city_malmo, field):
    login(client, person)
    form_page = client.get("/en/groups/new/").content.decode()
    assert 'maxlength="5000"' in form_page
    response = client.post("/en/groups/new/", group_form_data(city_malmo, **{field: "[" * 5001}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ensure this value has at most 5000 characters (it has 5001)." in page
    assert 'value="Grannar för rättvisa"' in page
    assert not LocalGroup.objects.exists()
