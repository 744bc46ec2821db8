"""Printed documents (ReportLab): agenda sheet, chair's book, revision comparison,
deadlines, drafts summary, the Annex 2 reply form and the user's schedule.

:mod:`render` is the one renderer they all go through; :mod:`text` makes user text safe
to print; :mod:`fonts` chooses the embedded font for each script.
"""
