"""Secrets come from the environment or a keyring, never from the config file.

Which keyring: whatever the `keyring` library picks on this machine (its own `PYTHON_KEYRING_BACKEND`
and `keyringrc.cfg` choose another). We say what it is in plain words: the OS keyring (Secret
Service, KWallet, macOS Keychain, Windows Credential Locker), an encrypted file (keyrings.cryptfile,
unlocked with `DUNNING_MAILER_KEYRING_PASSWORD`), a plain file that only base64-encodes (keyrings.alt's
PlaintextKeyring: we never store a password there), or none at all.
"""
from __future__ import annotations

import logging
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass

from .model import DunningError

KEYRING_SERVICE = "dunning-mailer"
UNLOCK_ENV = "DUNNING_MAILER_KEYRING_PASSWORD"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SecretStore:
    kind: str          # "os" | "encrypted_file" | "plain_file" | "none"
    description: str   # for people: what it is and where
    backend: object | None = None

    @property
    def usable(self) -> bool:
        return self.kind in ("os", "encrypted_file")


def env_name(name: str) -> str:
    return f"DUNNING_MAILER_{name.upper()}_PASSWORD"


def secret_store() -> SecretStore:
    """The keyring this machine offers, described honestly."""
    try:
        import keyring
        backend = keyring.get_keyring()
    except Exception as e:  # a broken keyring setup is "no keyring", said plainly
        return SecretStore("none", f"no usable keyring ({type(e).__name__})")
    chosen = getattr(backend, "backends", None)
    if chosen is not None:  # keyring's chainer: the first of its backends takes new passwords
        backend = chosen[0] if chosen else None
    if backend is None:
        return SecretStore("none", "no keyring")
    cls = type(backend)
    module, name = cls.__module__, cls.__name__
    where = getattr(backend, "file_path", "")
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return SecretStore("none", "no OS keyring (no Secret Service, KWallet, Keychain or Credential Locker)")
    if "Plaintext" in name or "Null" in name:
        return SecretStore("plain_file", f"keyrings.alt's {name}, a file ({where}) where passwords are only "
                                         "base64-encoded, not encrypted", backend)
    if where or module.startswith("keyrings."):
        return SecretStore("encrypted_file", f"an encrypted file ({module.split('.')[1]} {name}, {where})", backend)
    return SecretStore("os", f"the OS keyring ({name.replace('Keyring', '').strip() or module.rsplit('.', 1)[-1]})",
                       backend)


def locked(store: SecretStore) -> bool:
    """An encrypted file whose password nobody can give: not in the environment, no terminal to ask on."""
    return store.kind == "encrypted_file" and not os.environ.get(UNLOCK_ENV) and not sys.stdin.isatty()


def _unlock(store: SecretStore) -> None:
    """An encrypted file keyring asks for its own password on the terminal; the environment can give it."""
    key = os.environ.get(UNLOCK_ENV)
    backend = store.backend
    if store.kind == "encrypted_file" and key and getattr(backend, "_keyring_key", None) is None:
        try:
            backend.keyring_key = key
        except ValueError:
            raise DunningError(f"{UNLOCK_ENV} does not open {store.description}") from None


def store_password(name: str, account: str, secret: str, store: SecretStore) -> None:
    if not store.usable:
        raise DunningError(f"passwords are not stored in {store.description}")
    if locked(store):
        raise DunningError(f"{store.description} needs its own password: set {UNLOCK_ENV}")
    _unlock(store)
    try:
        store.backend.set_password(KEYRING_SERVICE, f"{name}:{account}", secret)
    except Exception as e:
        raise DunningError(f"{store.description} refused the password ({type(e).__name__})") from None


def password(name: str, account: str, business: str = "") -> str | None:
    """`DUNNING_MAILER_<NAME>_PASSWORD`, else the keyring entry `<name>:<account>`. In an office,
    `DUNNING_MAILER_<NAME>_PASSWORD_<BUSINESS>` comes first: each business its own mailbox."""
    names = [env_name(name)]
    if business:
        names.insert(0, f"{names[0]}_{business.upper().replace('-', '_')}")
    for env in names:
        if os.environ.get(env):
            return os.environ[env]
    store = secret_store()
    if store.backend is None:
        return None
    if locked(store):
        # Without this the keyring would wait for a password on a terminal nobody watches.
        log.warning("the %s password may be in %s, which is locked: set %s", name, store.description, UNLOCK_ENV)
        return None
    try:
        _unlock(store)
        return store.backend.get_password(KEYRING_SERVICE, f"{name}:{account}")
    except Exception as e:  # a wrong unlock password, a broken file: the caller says what to do
        log.warning("could not read the %s password from %s (%s)", name, store.description, type(e).__name__)
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
