"""The window's sections: Overview, Agenda, Drafts, Deadlines, Schedule."""
