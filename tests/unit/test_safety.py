from generator.safety import scan_html


def test_theme_output_passes():
    page = ('<script>__md_scope=new URL("..",location)</script><script type="application/json" id="__config">{"a": "<x>"}</script>'
            '<script src="../assets/javascripts/bundle.min.js"></script><a href="../x/">x</a><a href="mailto:a@b.c">m</a>')
    assert scan_html(page) == []


def test_every_kind_of_unsafe_output_is_named():
    page = ('<img src=x onerror="alert(1)"><a href=" javascript:alert(1)">x</a><iframe src="data:text/html,x"></iframe>'
            '<script>alert(1)</script><script src="https://evil.example/x.js"></script><form action="vbscript:x"></form>')
    assert scan_html(page) == [
        "<img> has an event handler (onerror)",
        "<a href> uses the javascript: scheme",
        "<iframe src> uses the data: scheme",
        "<iframe> element",
        "an inline <script> the theme did not write: 'alert(1)'",
        "<script src> loads https://evil.example/x.js",
        "<form action> uses the vbscript: scheme",
    ]
