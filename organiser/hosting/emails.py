"""The host's emails: the link to confirm a proposal, the private link once approved, and the
rejection. Composed in the request that committed the row, sent by a job (organiser/jobs.py),
written in the language the host proposed in (HostedLobby.language), not the organiser's."""

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from organiser import jobs
from organiser.hosting.models import HostedLobby
from organiser.lobbies.models import Lobby
from organiser.petitions.emails import site_url


def _one_line(text: str) -> str:
    """No line breaks in a header."""
    return " ".join(text.split())


def queue_confirmation(proposal: HostedLobby, token: str) -> str:
    """Queue the email asking the host to confirm (call after commit); the job id. Raises
    jobs.JobsUnavailable when the queue is down."""
    with force_locale(proposal.language):
        subject = _one_line(
            _(
                "Please confirm your lobby in %(city)s: %(campaign)s",
                city=proposal.city,
                campaign=proposal.campaign.name,
            )
        )
        body = render_template(
            "hosting/email_confirm.txt",
            proposal=proposal,
            link=site_url("hosting.confirm", token=token),
        )
    return jobs.enqueue("organiser.mail.send_message", proposal.host_email, subject, body)


def queue_host_link(proposal: HostedLobby, lobby: Lobby, token: str) -> str:
    """Queue the email telling the host their lobby is approved, with their private link."""
    with force_locale(proposal.language):
        subject = _one_line(
            _(
                "Your lobby in %(city)s is approved: %(campaign)s",
                city=lobby.city,
                campaign=proposal.campaign.name,
            )
        )
        body = render_template(
            "hosting/email_approved.txt",
            proposal=proposal,
            lobby=lobby,
            link=site_url("hosting.host_lobby", token=token),
            lobby_link=site_url("public.lobby", slug=lobby.slug),
        )
    return jobs.enqueue("organiser.mail.send_message", proposal.host_email, subject, body)


def queue_rejection(proposal: HostedLobby) -> str:
    """Queue the email telling a host (whose address is confirmed) that their lobby is not
    added, and whom to write to."""
    with force_locale(proposal.language):
        subject = _one_line(
            _(
                "Your lobby in %(city)s is not added: %(campaign)s",
                city=proposal.city,
                campaign=proposal.campaign.name,
            )
        )
        body = render_template("hosting/email_rejected.txt", proposal=proposal)
    return jobs.enqueue("organiser.mail.send_message", proposal.host_email, subject, body)
