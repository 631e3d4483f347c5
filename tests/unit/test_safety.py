from loopbook.checks.guard import scan_html, suspect

UNSAFE = ['<img src=x onerror="alert(1)">', '<svg/onload=alert(1)>', '<a href="x"onclick="y">', '<A ONCLICK="x">',
          '<a href=" javascript:alert(1)">x</a>', '<a href="java&#115;cript:alert(1)">x</a>', '<iframe src="https://x"></iframe>',
          '<object data="x"></object>', '<script>alert(1)</script>', '<script src="https://evil.example/x.js"></script>',
          '<script src="../x.js"></script>', '<form action="vbscript:x"></form>', '<script type="text/javascript">alert(1)</script>']


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


def test_the_fast_first_look_flags_everything_the_parser_reports():
    for sample in UNSAFE:
        assert scan_html(sample), sample
        assert suspect(sample), sample


def test_the_fast_first_look_passes_theme_output():
    page = ('<script>__md_scope=new URL("..",location)</script><script>var palette=__md_get("p")</script>'
            '<script id="__config" type="application/json">{"a": 1}</script>'
            '<script src="../../assets/javascripts/bundle.min.js"></script><a href="../x/#y">x</a>'
            '<a href="https://docs.example/a?b=1">d</a><img src="../assets/images/favicon.png"><a href="mailto:a@b.c">m</a>')
    assert not suspect(page)


def test_the_theme_may_load_pagefinds_ui_from_the_sites_own_folder():
    for src in ("pagefind/pagefind-ui.js", "../../pagefind/pagefind-ui.js", "/pagefind/pagefind-ui.js"):
        page = f'<link rel="stylesheet" href="{src[:-2]}css"><script src="{src}"></script>'
        assert scan_html(page) == [] and not suspect(page), src


def test_no_other_script_passes_for_pagefinds_ui():
    for src in ("../pagefind/pagefind.js", "../pagefind/pagefind-highlight.js", "//evil.example/pagefind/pagefind-ui.js",
                "https://evil.example/pagefind/pagefind-ui.js", "../pagefind/pagefind-ui.js?v=1", "../pagefind/pagefind-ui.js.map",
                "data:text/javascript,pagefind/pagefind-ui.js"):
        page = f'<script src="{src}"></script>'
        assert f"<script src> loads {src}" in scan_html(page), src
        assert suspect(page), src
