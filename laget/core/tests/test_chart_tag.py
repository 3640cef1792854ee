"""A chart whose figures are all hidden is a sentence, not an empty drawing."""

from laget.core.templatetags.laget import vega_chart


def test_a_chart_with_every_figure_hidden_is_a_sentence_without_a_spec():
    html = str(vega_chart({"data": {"values": []}, "mark": "bar"}, "statusdiagram", "Status"))
    assert "Diagrammet vises ikke: tallene det bygger på, er skjult." in html
    assert "data-vega-spec" not in html and "data-vega-json" not in html


def test_a_chart_with_figures_carries_its_spec():
    html = str(vega_chart({"data": {"values": [{"antall": 7}]}}, "statusdiagram", "Status"))
    assert 'data-vega-spec="statusdiagram-spec"' in html and "&quot;antall&quot;:7" in html
