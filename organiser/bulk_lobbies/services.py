"""Checking a lobbies file against a campaign, and saving all its lobbies in one go.
Services flush; the view commits once."""

from dataclasses import dataclass, field

from organiser.bulk_lobbies.reading import FileRefused, Problem, read_table
from organiser.bulk_lobbies.rows import Draft, TargetChoice, normal, read_row
from organiser.lobbies import services
from organiser.lobbies.models import Campaign, Lobby


@dataclass
class Checked:
    """A file read against a campaign: its rows as lobbies, and every problem in line order."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        """Whether every row can be saved."""
        return bool(self.drafts) and not self.problems

    @property
    def rows_with_problems(self) -> int:
        """How many rows have something wrong."""
        return sum(1 for draft in self.drafts if draft.problems)


def campaign_targets(campaign: Campaign) -> dict[str, list[TargetChoice]]:
    """The campaign's targets by the name a file may give them."""
    targets: dict[str, list[TargetChoice]] = {}
    for target in campaign.targets:
        choice = TargetChoice(target.id, target.name, target.city, target.country)
        targets.setdefault(normal(target.name), []).append(choice)
    return targets


def check_text(campaign: Campaign, text: str) -> Checked:
    """Every row of the file's text read against the campaign's targets (raises FileRefused
    for a file that cannot be read as lobbies at all)."""
    table = read_table(text)
    targets = campaign_targets(campaign)
    checked = Checked(problems=list(table.problems))
    for line, cells in table.rows:
        draft = read_row(line, cells, campaign.name, targets)
        checked.drafts.append(draft)
        checked.problems.extend(draft.problems)
    checked.problems.sort(key=lambda problem: problem.line)
    return checked


def import_lobbies(campaign: Campaign, checked: Checked) -> list[Lobby]:
    """Every lobby of a ready file, created in this transaction (flushed, not committed)."""
    if not checked.ready:
        raise FileRefused("The file has problems: nothing was saved.")
    return [
        services.create_lobby(campaign, draft.demands, **draft.fields) for draft in checked.drafts
    ]
