"""Secrets come from the environment or the OS keyring, never from the config file."""
from __future__ import annotations

import os
import shlex
import subprocess

from .model import DunningError

KEYRING_SERVICE = "dunning-mailer"


def password(name: str, account: str) -> str | None:
    """`DUNNING_MAILER_<NAME>_PASSWORD`, else the keyring entry `<name>:<account>`."""
    env = os.environ.get(f"DUNNING_MAILER_{name.upper()}_PASSWORD")
    if env:
        return env
    try:
        import keyring
        return keyring.get_password(KEYRING_SERVICE, f"{name}:{account}")
    except Exception:  # no backend on a headless server: the caller says what to do
        return None


def oauth2_token(command: str, *, key: str) -> str:
    """Run the configured command (e.g. `oauth2l fetch …`) and take the access token it prints."""
    try:
        out = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as e:
        # Never echo the command's output: it may hold a token or a refresh secret.
        raise DunningError(f"{key} failed ({type(e).__name__}); run it by hand to see why") from None
    token = out.stdout.strip()
    if not token:
        raise DunningError(f"{key} printed no token")
    return token
