"""An event's image in the exports: timeline.json media (credit with license) and JSON-LD URLs."""
from __future__ import annotations

import pytest

from chronicle.formats.exports import event_jsonld
from chronicle.content.model import Image
from tests.formats.test_exports import event, make_site, timeline
from tests.formats.test_exports_jsonld import make_site as jsonld_site, payload, summit

PHOTO = "https://example.org/p.jpg"


@pytest.mark.parametrize("credit, license, shown", [
    # TimelineJS3 media has url, caption, credit, thumbnail, alt, title, link: no license, so the
    # license goes with the credit, which TimelineJS shows under the picture.
    ("Photo: A. Lee", "CC BY-SA 4.0", "Photo: A. Lee (CC BY-SA 4.0)"),
    (None, "Public domain", "Public domain"),
    ("Photo: A. Lee", None, "Photo: A. Lee"),
    ("Tom & Jerry", "CC <BY>", "Tom &amp; Jerry (CC &lt;BY&gt;)"),
])
def test_timeline_json_media_credit_carries_the_license(credit, license, shown):
    image = Image(PHOTO, "A train", caption="Arrival", credit=credit, license=license)
    [slide] = timeline(make_site([event("arrival", "2019-02-26", image=image)]))["events"]
    assert slide["media"] == {"url": PHOTO, "alt": "A train", "caption": "Arrival", "credit": shown}


def test_timeline_json_media_without_credit_or_license_has_no_credit():
    [slide] = timeline(make_site([event("arrival", "2019-02-26", image=Image(PHOTO, "A train"))]))["events"]
    assert slide["media"] == {"url": PHOTO, "alt": "A train"}


@pytest.mark.parametrize("src, url", [
    ("assets/train at Đồng Đăng.png", "assets/train%20at%20%C4%90%E1%BB%93ng%20%C4%90%C4%83ng.png"),
    ("assets/a#1?.png", "assets/a%231%3F.png"),
    ("assets/plain.png", "assets/plain.png"),
])
def test_local_image_urls_are_percent_encoded(src, url):
    data = payload(event_jsonld(jsonld_site(), summit(image=Image(src, "A train"))))
    assert data["image"]["contentUrl"] == "https://user.github.io/repo/" + url
    [slide] = timeline(make_site([event("arrival", "2019-02-26", image=Image(src, "A train"))]))["events"]
    assert slide["media"]["url"] == url


def test_remote_image_url_is_kept_as_written():
    remote = "https://example.org/a%20b.jpg?size=large"
    data = payload(event_jsonld(jsonld_site(), summit(image=Image(remote, "A train"))))
    assert data["image"]["contentUrl"] == remote
