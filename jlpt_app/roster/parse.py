from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from jlpt_app.programme import Track, age_on, parse_track

MAX_ROWS = 2000
MIN_AGE, MAX_AGE = 14, 45

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
NISN_RE = re.compile(r"^\d{10}$")

# Header spellings teachers actually use, Indonesian and English.
COLUMN_ALIASES = {
    "name": {"nama", "name", "nama lengkap", "nama siswa", "full name"},
    "username": {"username", "nama pengguna", "user", "login"},
    "nisn": {"nisn"},
    "date_of_birth": {"tanggal lahir", "tgl lahir", "date of birth", "dob", "birth date", "lahir"},
    "track": {"track", "jalur", "program"},
    "class": {"kelas", "class", "rombel", "nama kelas"},
}
REQUIRED_COLUMNS = ("name", "date_of_birth", "track", "class")

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


@dataclass(frozen=True)
class RosterRow:
    line: int  # the row number the teacher sees in the spreadsheet (header is row 1)
    name: str
    username: str  # the given username, or the NISN when no username was given
    nisn: str | None
    date_of_birth: date
    track: Track
    class_name: str


@dataclass(frozen=True)
class RowError:
    line: int  # 0 for a problem with the whole file
    column: str  # canonical column name ("" for the whole file)
    problem: str  # a key the web layer turns into a sentence
    value: str = ""


@dataclass
class ParsedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _header_key(text: str) -> str | None:
    cleaned = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
    for key, aliases in COLUMN_ALIASES.items():
        if cleaned in aliases:
            return key
    return None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Indonesian Windows saves CSV in Windows-1252.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings separates with ";".
    delimiter = max(",;\t", key=first_line.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _nisn_text(value: object) -> str:
    # A spreadsheet stores NISN as a number and drops its leading zeros.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _cell_text(value).zfill(10)
    return _cell_text(value)


def parse_roster(filename: str, data: bytes, today: date) -> ParsedRoster:
    """Read and check every row; the result lists every problem, not just the first."""
    result = ParsedRoster()
    try:
        if filename.lower().endswith(".xlsx"):
            table = _read_xlsx(data)
        elif filename.lower().endswith(".csv"):
            table = _read_csv(data)
        else:
            result.errors.append(RowError(0, "", "unsupported_type", filename))
            return result
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, csv.Error):
        result.errors.append(RowError(0, "", "unreadable", filename))
        return result

    if not any(_cell_text(c) for row in table for c in row):
        result.errors.append(RowError(0, "", "empty"))
        return result

    columns: dict[str, int] = {}
    for index, heading in enumerate(table[0]):
        key = _header_key(_cell_text(heading))
        if key and key not in columns:
            columns[key] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if "username" not in columns and "nisn" not in columns:
        missing.append("username")
    for column in missing:
        result.errors.append(RowError(0, column, "missing_column"))
    if missing:
        return result

    data_rows = [(n, row) for n, row in enumerate(table[1:], start=2)]
    data_rows = [(n, row) for n, row in data_rows if any(_cell_text(c) for c in row)]
    if not data_rows:
        result.errors.append(RowError(0, "", "no_rows"))
        return result
    if len(data_rows) > MAX_ROWS:
        result.errors.append(RowError(0, "", "too_many_rows", str(MAX_ROWS)))
        return result

    seen_usernames: dict[str, int] = {}
    seen_nisn: dict[str, int] = {}
    for line, raw in data_rows:

        def cell(key: str, raw=raw) -> object:
            index = columns.get(key)
            return raw[index] if index is not None and index < len(raw) else None

        errors_before = len(result.errors)

        def problem(column: str, key: str, value: object = "", line=line) -> None:
            result.errors.append(RowError(line, column, key, _cell_text(value)))

        name = " ".join(_cell_text(cell("name")).split())
        if not name:
            problem("name", "required")
        elif len(name) > 120:
            problem("name", "too_long", name[:40])

        nisn = _nisn_text(cell("nisn")) or None
        if nisn and not NISN_RE.match(nisn):
            problem("nisn", "invalid_nisn", nisn)
            nisn = None
        elif nisn and nisn in seen_nisn:
            problem("nisn", "duplicate_in_file", f"{nisn}|{seen_nisn[nisn]}")
        elif nisn:
            seen_nisn[nisn] = line

        username = _cell_text(cell("username")).lower() or (nisn or "")
        if not username:
            if not _nisn_text(cell("nisn")):
                problem("username", "username_or_nisn_required")
        elif not USERNAME_RE.match(username):
            problem("username", "invalid_username", username)
        elif username in seen_usernames:
            problem("username", "duplicate_in_file", f"{username}|{seen_usernames[username]}")
        else:
            seen_usernames[username] = line

        raw_dob = cell("date_of_birth")
        dob = _parse_date(raw_dob)
        if not _cell_text(raw_dob):
            problem("date_of_birth", "required")
        elif dob is None or dob > today:
            problem("date_of_birth", "invalid_date", raw_dob)
        elif not MIN_AGE <= age_on(dob, today) <= MAX_AGE:
            problem("date_of_birth", "implausible_age", raw_dob)

        raw_track = _cell_text(cell("track"))
        track = parse_track(raw_track) if raw_track else None
        if not raw_track:
            problem("track", "required")
        elif track is None:
            problem("track", "invalid_track", raw_track)

        class_name = " ".join(_cell_text(cell("class")).split())
        if not class_name:
            problem("class", "required")
        elif len(class_name) > 60:
            problem("class", "too_long", class_name[:40])

        if len(result.errors) == errors_before:
            assert dob is not None and track is not None
            result.rows.append(RosterRow(line, name, username, nisn, dob, track, class_name))
    return result
