"""Stage 5, render: the model through jinja2 templates into Markdown, for web and print.

Takes: a Handbook (and, for the site, the download manifest).
Gives: every site page as Markdown with its place in the navigation, and the one template
environment, filters and words that print Markdown is written with too, so the site and the
downloads say the same thing the same way.
"""
