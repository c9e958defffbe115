"""Every page a browser test visits, checked again at phone and desk widths.

The `page` fixture records each document the tab loads from the test's own server. When the
test ends, each one is opened again (a GET, with the tab's cookies) at 360 and 1280 px: the page
must not scroll sideways (document.documentElement.scrollWidth <= innerWidth) and axe must find
no serious or critical violation. So a page added to any journey is held to both rules without
anyone listing it.
"""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WIDTHS = (360, 1280)
SERIOUS = ("serious", "critical")
# Not documents a person reads: feeds, files and data that a test may open in the tab.
NOT_PAGES = (".ics", ".pdf", ".csv", ".xlsx", ".geojson", ".json", ".atom", ".jpg", ".png")


class VisitedPages:
    """The pages one tab has shown, in order, without repeats."""

    def __init__(self, tab):
        self.urls: list[str] = []
        tab.on("framenavigated", lambda frame: self._note(tab, frame))

    def _note(self, tab, frame) -> None:
        if frame != tab.main_frame:
            return
        parts = urlsplit(frame.url)
        if parts.scheme != "http" or parts.hostname != "127.0.0.1":
            return
        if parts.path.endswith(NOT_PAGES):
            return
        url = parts._replace(fragment="").geturl()
        if url not in self.urls:
            self.urls.append(url)

    def problems(self, context) -> list[str]:
        """What is wrong with each visited page at each width, one line per finding."""
        found = []
        checker = context.new_page()
        axe = Axe()
        for url in self.urls:
            for width in WIDTHS:
                checker.set_viewport_size({"width": width, "height": 800})
                response = checker.goto(url)
                if response is None or "text/html" not in response.headers.get("content-type", ""):
                    break
                scroll, inner = checker.evaluate(
                    "[document.documentElement.scrollWidth, innerWidth]"
                )
                if scroll > inner:
                    found.append(f"{url} at {width} px is {scroll} px wide")
                for violation in axe.run(checker).response["violations"]:
                    if violation["impact"] in SERIOUS:
                        html = violation["nodes"][0]["html"][:100]
                        found.append(f"{url} at {width} px: axe {violation['id']}: {html}")
        checker.close()
        return found
