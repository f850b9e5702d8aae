"""The pure roster reader: every bad row named, nothing accepted that should not be."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from jlpt_app.programme import Track
from jlpt_app.roster import parse_roster

TODAY = date(2026, 11, 22)
HEADER = "nama,username,nisn,tanggal_lahir,jalur,kelas\n"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def problems(result) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.problem) for e in result.errors]


def test_valid_csv_rows_are_read():
    result = parse_roster(
        "kelas.csv",
        csv_bytes(
            "Siti Rahmawati,siti.r,0081234567,2008-03-14,xii-12m,XII TKJ 1",
            "Agus Prasetyo,,0079876543,02/11/2004,Alumni,Alumni Batch 1",
        ),
        TODAY,
    )
    assert result.ok and problems(result) == []
    siti, agus = result.rows
    assert (siti.line, siti.username, siti.track) == (2, "siti.r", Track.XII_12M)
    assert agus.username == "0079876543"  # NISN stands in for a missing username
    assert agus.date_of_birth == date(2004, 11, 2)
    assert agus.track is Track.ALUMNI_3M


@pytest.mark.parametrize(
    ("row", "column", "problem"),
    [
        (",siti.r,,2008-03-14,xii-12m,XII TKJ 1", "name", "required"),
        ("Siti,Siti R,,2008-03-14,xii-12m,XII TKJ 1", "username", "invalid_username"),
        ("Siti,,,2008-03-14,xii-12m,XII TKJ 1", "username", "username_or_nisn_required"),
        ("Siti,,12345,2008-03-14,xii-12m,XII TKJ 1", "nisn", "invalid_nisn"),
        ("Siti,siti,,31/02/2008,xii-12m,XII TKJ 1", "date_of_birth", "invalid_date"),
        ("Siti,siti,,besok,xii-12m,XII TKJ 1", "date_of_birth", "invalid_date"),
        ("Siti,siti,,2030-01-01,xii-12m,XII TKJ 1", "date_of_birth", "invalid_date"),
        ("Siti,siti,,2020-01-01,xii-12m,XII TKJ 1", "date_of_birth", "implausible_age"),
        ("Siti,siti,,,xii-12m,XII TKJ 1", "date_of_birth", "required"),
        ("Siti,siti,,2008-03-14,6 bulan,XII TKJ 1", "track", "invalid_track"),
        ("Siti,siti,,2008-03-14,xii-12m,", "class", "required"),
    ],
)
def test_each_bad_cell_is_named_with_its_row(row, column, problem):
    good = "Budi Santoso,budi,,2007-05-01,xii-12m,XII TKJ 1"
    result = parse_roster("r.csv", csv_bytes(good, row), TODAY)
    assert (3, column, problem) in problems(result)
    assert not result.ok
    assert [r.line for r in result.rows] == [2]  # the good row is still read


def test_every_problem_is_reported_not_just_the_first():
    result = parse_roster(
        "r.csv",
        csv_bytes(
            "A,,,2008-01-01,xii-12m,X",
            "B,b.b,,kemarin,xii-12m,X",
            "C,c.c,,2008-01-01,entah,X",
        ),
        TODAY,
    )
    assert [e.line for e in result.errors] == [2, 3, 4]


def test_duplicates_inside_the_file_point_to_the_first_row():
    result = parse_roster(
        "r.csv",
        csv_bytes(
            "A,ani,0011111111,2008-01-01,xii-12m,X",
            "B,ANI,0022222222,2008-01-01,xii-12m,X",
            "C,cici,0011111111,2008-01-01,xii-12m,X",
        ),
        TODAY,
    )
    found = {(e.line, e.column, e.problem, e.value) for e in result.errors}
    assert (3, "username", "duplicate_in_file", "ani|2") in found
    assert (4, "nisn", "duplicate_in_file", "0011111111|2") in found


def test_missing_columns_are_named():
    result = parse_roster("r.csv", b"nama,kelas\nSiti,X\n", TODAY)
    missing = {e.column for e in result.errors if e.problem == "missing_column"}
    assert missing == {"date_of_birth", "track", "username"}
    assert result.rows == []


def test_semicolon_csv_from_indonesian_excel_and_english_headers():
    data = "Name;NISN;Date of birth;Track;Class\r\nSiti;0081234567;14-03-2008;XII;XII TKJ 1\r\n"
    result = parse_roster("r.csv", data.encode("cp1252"), TODAY)
    assert result.ok, problems(result)
    assert result.rows[0].username == "0081234567"


def test_windows_1252_names_survive():
    data = (HEADER + "Andr\xe9 Wijaya,andre,,2008-03-14,xii-12m,X\n").encode("cp1252")
    result = parse_roster("r.csv", data, TODAY)
    assert result.rows[0].name == "André Wijaya"


def test_xlsx_with_real_dates_and_numeric_nisn():
    data = xlsx_bytes(
        [
            ["Nama", "NISN", "Tanggal Lahir", "Jalur", "Kelas"],
            ["Siti", 81234567, datetime(2008, 3, 14), "xii-12m", "XII TKJ 1"],
            [None, None, None, None, None],
            ["Budi", 79876543, "31/02/2008", "xii-12m", "XII TKJ 1"],
        ]
    )
    result = parse_roster("kelas.xlsx", data, TODAY)
    assert result.rows[0].nisn == "0081234567"  # leading zeros restored
    assert result.rows[0].date_of_birth == date(2008, 3, 14)
    assert problems(result) == [(4, "date_of_birth", "invalid_date")]


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("r.xlsx", b"not a zip at all", "unreadable"),
        ("r.pdf", b"%PDF-1.4", "unsupported_type"),
        ("r.csv", b"", "empty"),
        ("r.csv", HEADER.encode(), "no_rows"),
    ],
)
def test_unusable_files_get_one_clear_problem(filename, data, problem):
    result = parse_roster(filename, data, TODAY)
    assert [(e.line, e.problem) for e in result.errors] == [(0, problem)]


def test_too_many_rows_is_refused():
    rows = [f"S{i},s{i:05d},,2008-01-01,xii-12m,X" for i in range(2001)]
    result = parse_roster("r.csv", csv_bytes(*rows), TODAY)
    assert [e.problem for e in result.errors] == ["too_many_rows"]
