"""Sentences for the problem keys that services and the roster reader return."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from jlpt_app.roster import RowError

ACCOUNT_PROBLEMS = {
    "wrong_current": _l("Kata sandi sekarang salah."),
    "too_short": _l("Kata sandi minimal 8 karakter."),
    "too_long": _l("Kata sandi maksimal 128 karakter."),
    "same_as_username": _l("Kata sandi tidak boleh sama dengan nama pengguna."),
    "same_as_old": _l("Kata sandi baru harus berbeda dari yang lama."),
    "username_taken": _l("Nama pengguna ini sudah dipakai."),
    "nisn_taken": _l("NISN ini sudah terdaftar."),
    "username_or_nisn_required": _l("Isi nama pengguna atau NISN."),
    "school_not_allowed": _l("Kamu tidak bisa membuat kelas di sekolah ini."),
    "class_exists": _l("Kelas dengan nama ini sudah ada di sekolah ini."),
    "unknown_join_code": _l("Kode kelas tidak ditemukan atau pendaftaran sudah ditutup."),
    "other_school": _l("Kelas ini milik sekolah lain."),
    "already_member": _l("Kamu sudah terdaftar di kelas ini."),
    "implausible_age": _l("Tanggal lahir tidak masuk akal untuk peserta program."),
    "guardian_consent_required": _l(
        "Peserta di bawah 18 tahun memerlukan persetujuan orang tua/wali."
    ),
}

COLUMN_NAMES = {
    "name": _l("nama"),
    "username": _l("username"),
    "nisn": _l("NISN"),
    "date_of_birth": _l("tanggal lahir"),
    "track": _l("jalur"),
    "class": _l("kelas"),
}


def account_problem(key: str) -> str:
    return str(ACCOUNT_PROBLEMS.get(key, key))


def show_problem(form, exc) -> int:
    """Put a service's AccountError under the form field it names; returns HTTP 400."""
    getattr(form, exc.field).errors.append(account_problem(exc.key))
    return 400


def roster_problem(error: RowError) -> str:
    """One sentence naming the row, the column and what is wrong, e.g. 'baris 7: ...'."""
    column = str(COLUMN_NAMES.get(error.column, error.column))
    value = error.value
    first, _sep, other_line = value.partition("|")
    sentences = {
        "unsupported_type": _("Jenis berkas tidak didukung; gunakan .csv atau .xlsx."),
        "unreadable": _("Berkas tidak bisa dibaca. Simpan ulang sebagai .csv atau .xlsx."),
        "empty": _("Berkas kosong."),
        "no_rows": _("Berkas hanya berisi judul kolom, belum ada data siswa."),
        "too_many_rows": _("Terlalu banyak baris; maksimal %(n)s siswa per berkas.", n=value),
        "missing_column": _("kolom %(column)s tidak ada di baris judul", column=column),
        "required": _("%(column)s wajib diisi", column=column),
        "too_long": _("%(column)s terlalu panjang", column=column),
        "invalid_nisn": _("NISN '%(value)s' harus 10 angka", value=value),
        "invalid_username": _(
            "username '%(value)s' tidak valid (3–40 huruf kecil, angka, titik, _ atau -)",
            value=value,
        ),
        "username_or_nisn_required": _("isi username atau NISN"),
        "duplicate_in_file": _(
            "%(column)s '%(value)s' sama dengan baris %(other)s",
            column=column,
            value=first,
            other=other_line,
        ),
        "invalid_date": _(
            "tanggal lahir tidak valid ('%(value)s'; tulis 2008-05-17 atau 17/05/2008)",
            value=value,
        ),
        "implausible_age": _(
            "tanggal lahir '%(value)s' tidak masuk akal (usia harus 14–45 tahun)", value=value
        ),
        "invalid_track": _(
            "jalur '%(value)s' tidak dikenal (tulis xii-12m atau alumni-3m)", value=value
        ),
        "username_taken": _("username '%(value)s' sudah dipakai akun lain", value=value),
        "nisn_taken": _("NISN '%(value)s' sudah terdaftar", value=value),
        "class_of_other_teacher": _(
            "kelas '%(value)s' diajar guru lain; minta guru itu atau admin mengimpor",
            value=value,
        ),
        "track_differs_from_class": _(
            "jalur berbeda dengan jalur kelas '%(value)s' yang sudah ada", value=value
        ),
    }
    sentence = sentences.get(error.problem, error.problem)
    if error.line == 0:
        return sentence
    return _("baris %(line)s: %(problem)s", line=error.line, problem=sentence)
