"""Reading class rosters from CSV or XLSX (pure: no Flask, no DB).

Checks that need the database (taken usernames, class ownership) live in
services/roster_import.py.
"""

from jlpt_app.roster.parse import MAX_ROWS, ParsedRoster, RosterRow, RowError, parse_roster

__all__ = ["MAX_ROWS", "ParsedRoster", "RosterRow", "RowError", "parse_roster"]
