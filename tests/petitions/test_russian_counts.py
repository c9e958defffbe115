"""A count reads right in Russian, whose nouns take three forms after a number (1 подпись,
2 подписи, 5 подписей, 11 подписей, 21 подпись)."""

import pytest

from organiser.extensions import db
from organiser.petitions.models import Petition
from organiser.petitions.signing import add_paper


@pytest.mark.parametrize(
    ("signed", "russian"),
    [
        (1, "подтверждённая подпись"),
        (2, "подтверждённые подписи"),
        (5, "подтверждённых подписей"),
        (11, "подтверждённых подписей"),
        (21, "подтверждённая подпись"),
    ],
)
def test_the_petition_page_counts_signatures_in_russian(app, client, petition, signed, russian):
    with app.app_context():
        found = db.session.get(Petition, petition.id)
        for number in range(signed):
            add_paper(found, f"Signer {number}", "Almaty", "KZ", False)
        db.session.commit()
    page = client.get(f"/petitions/{petition.slug}?lang=ru").get_data(as_text=True)
    assert '<html lang="ru">' in page
    assert f'<strong class="count">{signed}</strong>' in page
    after = " ".join(page.split(f'<strong class="count">{signed}</strong>', 1)[1].split())
    assert after.startswith(f"{russian} (цель — 100)"), after[:80]
