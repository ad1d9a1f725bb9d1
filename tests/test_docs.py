"""docs/: the configuration reference is the schema's, and every link between the pages
points at a file that exists."""

import re

from conftest import ROOT

from l2geom.config.reference import SCHEMA, markdown
from l2geom.config.yamlfile import read_yaml


def test_the_configuration_reference_is_up_to_date():
    committed = (ROOT / "docs/configuration.md").read_text()
    assert committed == markdown(read_yaml(SCHEMA)), "stale: run `make docs`"


def test_every_key_of_the_schema_is_in_the_reference():
    text = (ROOT / "docs/configuration.md").read_text()
    for key in (
        "`quality`",
        "`decks.NAME.theme`",
        "`scenarios.NAME.source.csv.path`",
        "`scenarios.NAME.adam.beta2`",
        "`scenarios.NAME.figures`",
    ):
        assert key in text
    assert "`goodfellow`" in text and "`rotate_rescale`" in text  # the catalogue's lists


def test_links_in_the_readme_and_docs_resolve():
    for page in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text()):
            assert (page.parent / target).exists(), f"{page.name}: {target}"
