"""Extension objects, created once and bound to each app in create_app."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect

babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()
# Limits are declared on the views that need them (login, registration);
# nothing else is limited by default.
limiter = Limiter(key_func=get_remote_address, default_limits=[])
