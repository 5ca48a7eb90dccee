from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm (typo-tolerant titles) and unaccent for the portal-wide search, on PostgreSQL only
    (both operations do nothing on other databases). Both are trusted extensions since
    PostgreSQL 13: the database's owner may create them without superuser rights."""

    dependencies = [
        ("mobilisering", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
    ]
