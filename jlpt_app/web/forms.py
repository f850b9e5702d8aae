"""Flask-WTF forms. Field labels are lazy so they follow each user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    PasswordField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional, Regexp

from jlpt_app.programme import DESTINATION_COUNTRIES, Level, Role, Sector, Track
from jlpt_app.web.labels import (
    COUNTRY_LABELS,
    LANGUAGE_LABELS,
    ROLE_LABELS,
    SECTOR_LABELS,
    TRACK_LABELS,
)

USERNAME_RULE = Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$",
    message=_l("3–40 karakter: huruf, angka, titik, garis bawah atau tanda hubung."),
)
NISN_RULE = Regexp(r"^\d{10}$", message=_l("NISN terdiri dari 10 angka."))
REQUIRED = DataRequired(message=_l("Wajib diisi."))
# For parsed fields: DataRequired would hide the parse error behind "required".
INPUT_REQUIRED = InputRequired(message=_l("Wajib diisi."))
PASSWORD_LENGTH = Length(min=8, max=128, message=_l("Kata sandi harus 8–128 karakter."))


def max_length(n: int) -> Length:
    return Length(max=n, message=_l("Maksimal %(n)s karakter.", n=n))


# WTForms has no Indonesian catalogue; these are the built-in messages our fields can show.
_BUILTIN_MESSAGES = {
    "Not a valid date value.": _l(
        "Tanggal tidak valid; pilih dari kalender atau tulis 2008-05-17."
    ),
    "Not a valid choice.": _l("Pilihan tidak valid."),
    "Invalid Choice: could not coerce.": _l("Pilihan tidak valid."),
    "This field is required.": _l("Wajib diisi."),
}


class _Messages:
    def gettext(self, string: str) -> str:
        return str(_BUILTIN_MESSAGES.get(string, string))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _Messages()


def _track_choices():
    return [(t.value, TRACK_LABELS[t]) for t in Track]


class LoginForm(Form):
    username = StringField(_l("Nama pengguna"), validators=[REQUIRED, max_length(40)])
    password = PasswordField(_l("Kata sandi"), validators=[REQUIRED, max_length(128)])
    next = HiddenField()


class EmptyForm(Form):
    """A form with only the CSRF token, for POST buttons."""


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Kata sandi sekarang"), validators=[REQUIRED])
    new_password = PasswordField(_l("Kata sandi baru"), validators=[REQUIRED, PASSWORD_LENGTH])
    confirm = PasswordField(
        _l("Ulangi kata sandi baru"),
        validators=[REQUIRED, EqualTo("new_password", message=_l("Kedua kata sandi tidak sama."))],
    )


class LanguageForm(Form):
    locale = SelectField(_l("Bahasa"), choices=list(LANGUAGE_LABELS.items()), validators=[REQUIRED])


class RegisterForm(Form):
    join_code = StringField(_l("Kode kelas"), validators=[REQUIRED, max_length(12)])
    display_name = StringField(_l("Nama lengkap"), validators=[REQUIRED, max_length(120)])
    username = StringField(_l("Nama pengguna"), validators=[REQUIRED, USERNAME_RULE])
    date_of_birth = DateField(_l("Tanggal lahir"), validators=[INPUT_REQUIRED], format="%Y-%m-%d")
    password = PasswordField(_l("Kata sandi"), validators=[REQUIRED, PASSWORD_LENGTH])
    confirm = PasswordField(
        _l("Ulangi kata sandi"),
        validators=[REQUIRED, EqualTo("password", message=_l("Kedua kata sandi tidak sama."))],
    )
    guardian_consent = BooleanField(
        _l("Saya berusia di bawah 18 tahun dan orang tua/wali saya sudah menyetujui.")
    )


class JoinClassForm(Form):
    join_code = StringField(_l("Kode kelas"), validators=[REQUIRED, max_length(12)])


class ProfileForm(Form):
    target_level = SelectField(_l("Target level"), choices=[(lv.value, lv.value) for lv in Level])
    destination_country = SelectField(_l("Negara tujuan"))
    job_sector = SelectField(_l("Bidang kerja"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        undecided = ("", _l("Belum tahu"))
        self.destination_country.choices = [undecided] + [
            (c, COUNTRY_LABELS[c]) for c in DESTINATION_COUNTRIES
        ]
        self.job_sector.choices = [undecided] + [(s.value, SECTOR_LABELS[s]) for s in Sector]


class ClassroomForm(Form):
    name = StringField(
        _l("Nama kelas"), validators=[REQUIRED, max_length(60)], description=_l("Contoh: XII TKJ 1")
    )
    track = SelectField(_l("Jalur"), choices=_track_choices)
    school_id = SelectField(_l("Sekolah"), coerce=int, validate_choice=True)


class StudentForm(Form):
    display_name = StringField(_l("Nama lengkap"), validators=[REQUIRED, max_length(120)])
    username = StringField(
        _l("Nama pengguna"),
        validators=[Optional(), USERNAME_RULE],
        description=_l("Kosongkan untuk memakai NISN."),
    )
    nisn = StringField(_l("NISN"), validators=[Optional(), NISN_RULE])
    date_of_birth = DateField(_l("Tanggal lahir"), validators=[INPUT_REQUIRED], format="%Y-%m-%d")


class RosterUploadForm(Form):
    roster = FileField(
        _l("Berkas daftar siswa (CSV atau XLSX)"),
        validators=[
            FileRequired(message=_l("Pilih berkas terlebih dahulu.")),
            FileAllowed(["csv", "xlsx"], message=_l("Hanya berkas .csv atau .xlsx.")),
        ],
    )
    school_id = SelectField(_l("Sekolah"), coerce=int, validate_choice=True)


class RosterConfirmForm(Form):
    payload = HiddenField(validators=[REQUIRED])


class SchoolForm(Form):
    name = StringField(_l("Nama sekolah"), validators=[REQUIRED, max_length(120)])
    district = StringField(_l("Kabupaten/kota"), validators=[REQUIRED, max_length(80)])
    province = StringField(_l("Provinsi"), validators=[REQUIRED, max_length(80)])


class UserForm(Form):
    display_name = StringField(_l("Nama lengkap"), validators=[REQUIRED, max_length(120)])
    username = StringField(_l("Nama pengguna"), validators=[REQUIRED, USERNAME_RULE])
    role = SelectField(
        _l("Peran"),
        choices=[(r.value, ROLE_LABELS[r]) for r in Role if r is not Role.STUDENT],
    )
    school_id = SelectField(_l("Sekolah"), coerce=int)
