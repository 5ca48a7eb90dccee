from mobilisering.markdown import render_markdown


def test_it_renders_markdown():
    html = render_markdown("## Mål\n\n*Fler* röster i [fullmäktige](https://example.org).")
    assert "<h2>Mål</h2>" in html
    assert "<em>Fler</em>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_it_removes_scripts_and_event_handlers():
    html = render_markdown('Hej<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html
    assert "onerror" not in html
    assert "alert(1)" not in html or "&lt;" in html


def test_it_drops_javascript_links():
    html = render_markdown("[klicka](javascript:alert(1))")
    assert "<a" not in html
    assert "href" not in html
