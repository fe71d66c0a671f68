"""Presentation: every view of a report and every output format. Computation never imports it.

``render(report, fmt, view)`` is the entry point; the views of the diff and of the index
commands live beside it and register themselves when first asked for.
"""

from comparer.views.render import FORMATS, Table, printable, render

__all__ = ["FORMATS", "Table", "printable", "render"]
