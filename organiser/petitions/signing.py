"""Signing, confirming, withdrawing and invalidating signatures. Services flush; views commit.

One signature per normalised email per petition is enforced by the unique index: the insert
is `ON CONFLICT DO NOTHING`, never a check-then-insert, so concurrent same-email signers get
one row and no error. Whether the petition is open is checked by the insert and by the
confirming update themselves, against the petition's row as committed: a worker's cached view
of the petition (lookup.py) can be seconds old, and once a petition closes its count is final.

The key is the email as email-validator normalises it, the part before the @ case-folded
(mail.parse_address), so display names, comments, case and punycode make no second signer.
The confirmation email goes into the outbox (outbox.py) in the same transaction.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import get_locale
from sqlalchemy import bindparam, delete, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from organiser.db_types import UTCDateTime, utcnow
from organiser.extensions import db
from organiser.i18n import DEFAULT
from organiser.mail import NotABareAddress, parse_address
from organiser.petitions import outbox
from organiser.petitions.counting import add_to_count
from organiser.petitions.models import Petition, Signature


def current_language() -> str:
    """The language being written in now (English outside a request), which a signature and
    a host's proposal record for the emails sent to them later."""
    return str(get_locale() or DEFAULT)


def normalise_email(email: str) -> str:
    """The key that makes two spellings of one mailbox the same signer (NotABareAddress if
    it is not one bare address)."""
    return parse_address(email).key


class PetitionClosed(Exception):
    """The petition stopped taking signatures (perhaps moments ago, in another worker)."""


@dataclass
class SignResult:
    """What signing did: the signature's id, whether it is new, and whether to send mail now."""

    signature_id: int
    created: bool
    send_mail: bool


def open_now(petition_id):
    """SQL: the petition takes signatures at the instant bound as `now` (as Petition.is_open)."""
    now = bindparam("now", type_=UTCDateTime)
    return exists().where(
        Petition.id == petition_id,
        Petition.status == "open",
        or_(Petition.opens_at.is_(None), Petition.opens_at <= now),
        or_(Petition.closes_at.is_(None), Petition.closes_at > now),
    )


_signatures = Signature.__table__
_SIGNED = (
    "petition_id",
    "name",
    "email",
    "email_key",
    "city",
    "country",
    "show_name",
    "name_in_letter",
    "source",
    "ip",
    "created_at",
    "confirm_sent_at",
    "language",
)
_signed_values = select(
    *(bindparam(name, type_=_signatures.c[name].type) for name in _SIGNED)
).where(open_now(bindparam("petition_id")))
INSERT_IGNORING_DUPLICATE = {
    name: dml.insert(_signatures)
    .from_select(_SIGNED, _signed_values)
    .on_conflict_do_nothing(index_elements=["petition_id", "email_key"])
    .returning(_signatures.c.id)
    for name, dml in (("postgresql", postgresql), ("sqlite", sqlite))
}


def _insert_ignoring_duplicate(values: dict) -> int | None:
    """Insert a signature if the petition is open; its id, or None if that email has already
    signed or the petition is closed.

    A Core statement built once (its compiled form is cached), run on the session's connection:
    the ORM's per-statement work costs more than the insert itself on this path.
    """
    connection = db.session.connection()
    statement = INSERT_IGNORING_DUPLICATE[connection.dialect.name]
    return connection.execute(statement, values).scalar()


def sign(petition, fields: dict, ip: str | None, resend_after: timedelta) -> SignResult:
    """Record a signature (unconfirmed), or find the one this email already made; raises
    PetitionClosed if the petition no longer takes signatures.

    The petition is anything with its id (a Petition, or the signing path's PetitionRef). The
    email is normalised here unless the form did (fields "email" and "email_key"). The
    signature records the language of the page signed on, for its emails; signing again keeps
    the language of the first signing."""
    now = utcnow()
    if "email_key" in fields:
        email, key = fields["email"], fields["email_key"]
    else:
        address = parse_address(fields["email"])
        email, key = address.email, address.key
    values = dict(
        petition_id=petition.id,
        name=fields["name"].strip(),
        email=email,
        email_key=key,
        city=fields.get("city", "").strip(),
        country=fields.get("country", ""),
        show_name=bool(fields.get("show_name")),
        name_in_letter=bool(fields.get("name_in_letter")),
        source="online",
        ip=ip,
        created_at=now,
        confirm_sent_at=now,
        language=current_language(),
    )
    new_id = _insert_ignoring_duplicate({**values, "now": now})
    if new_id is not None:
        outbox.add(new_id, now)
        return SignResult(new_id, created=True, send_mail=True)
    existing_id = db.session.scalars(
        select(Signature.id).where(Signature.petition_id == petition.id, Signature.email_key == key)
    ).first()
    if existing_id is None:
        raise PetitionClosed(petition.id)
    # A fresh email only if the last one is old enough: a claim on the row, not a read-then-write;
    # within that time, the same email again if it failed or was lost with its sender.
    fresh = db.session.execute(
        update(Signature)
        .where(
            Signature.id == existing_id,
            (Signature.confirm_sent_at.is_(None))
            | (Signature.confirm_sent_at < now - resend_after),
        )
        .values(confirm_sent_at=now)
    ).rowcount
    send = outbox.rearm(existing_id, now, fresh=bool(fresh))
    return SignResult(existing_id, created=False, send_mail=send)


def allow_resend(signature_id: int) -> None:
    """Let the next signing with this email send the confirmation at once (this one's email
    could not be queued)."""
    db.session.execute(
        update(Signature).where(Signature.id == signature_id).values(confirm_sent_at=None)
    )


def confirm(signature: Signature) -> bool:
    """Confirm a signature and count it; False if it was already confirmed. Raises
    PetitionClosed for an unconfirmed signature of a petition that has closed since."""
    now = utcnow()
    changed = db.session.execute(
        update(Signature)
        .where(
            Signature.id == signature.id,
            Signature.confirmed_at.is_(None),
            open_now(Signature.petition_id),
        )
        .values(confirmed_at=now),
        {"now": now},
    ).rowcount
    if changed and signature.invalidated_at is None:
        add_to_count(signature.petition_id, +1)
    db.session.refresh(signature)
    if not changed and signature.confirmed_at is None:
        raise PetitionClosed(signature.petition_id)
    return bool(changed)


def withdraw(signature: Signature) -> bool:
    """Remove a signature, and take it off the count if it counted; False if already gone."""
    row = db.session.execute(
        delete(Signature)
        .where(Signature.id == signature.id)
        .returning(Signature.confirmed_at, Signature.invalidated_at)
        .execution_options(synchronize_session=False)
    ).first()
    if row is None:
        return False
    if row.confirmed_at is not None and row.invalidated_at is None:
        add_to_count(signature.petition_id, -1)
    db.session.expunge(signature)
    return True


def add_paper(petition: Petition, name: str, city: str, country: str, name_in_letter: bool):
    """A signature collected on paper: confirmed at once, marked as paper, no email; in the
    language the organiser works in (English from a command)."""
    now = utcnow()
    signature = Signature(
        petition_id=petition.id,
        name=name.strip(),
        city=city.strip(),
        country=country,
        name_in_letter=name_in_letter,
        source="paper",
        created_at=now,
        confirmed_at=now,
        language=current_language(),
    )
    db.session.add(signature)
    db.session.flush()
    add_to_count(petition.id, +1)
    return signature


def domain_key(domain: str) -> str:
    """A domain as it appears in email keys (lower case, punycode read as Unicode)."""
    domain = domain.strip().lstrip("@")
    try:
        return parse_address(f"x@{domain}").key.partition("@")[2]
    except NotABareAddress:
        return domain.casefold()


def invalidate(
    petition: Petition,
    domain: str = "",
    ip: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """Invalidate the petition's signatures from an email domain, an IP or a time range."""
    conditions = [Signature.petition_id == petition.id, Signature.invalidated_at.is_(None)]
    if domain:
        conditions.append(Signature.email_key.endswith("@" + domain_key(domain), autoescape=True))
    if ip:
        conditions.append(Signature.ip == ip.strip())
    if since:
        conditions.append(Signature.created_at >= since)
    if until:
        conditions.append(Signature.created_at < until)
    if len(conditions) == 2:
        return 0
    rows = db.session.execute(
        update(Signature)
        .where(*conditions)
        .values(invalidated_at=utcnow())
        .returning(Signature.confirmed_at)
        .execution_options(synchronize_session=False)
    ).all()
    add_to_count(petition.id, -sum(1 for row in rows if row.confirmed_at is not None))
    return len(rows)
