"""Vega-Lite specs, one function per chart. Plain Python, no Django: the same spec is shown in
the browser with vega-embed and rendered to PNG/SVG for documents with vl-convert-python."""
