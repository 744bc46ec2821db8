"""Printed documents (ReportLab): agenda sheet, chair's book, deadlines, drafts, reply form.

Nothing is printed yet; the printing issue fills this layer.
"""
