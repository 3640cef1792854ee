"""Views the protection tests share."""

from laget.domain.protection import View


def band_bound() -> View:
    """24 covered, 22 of them on track (unpublished) in the band «minst 75 %» (18 to 24), and
    2 others: the band keeps those 2 from rising by five."""
    view = View()
    view.add("subject", 24)
    view.add("on_track", 22)
    view.add("rest", 2)
    view.total("subject", ["on_track", "rest"])
    view.constant("band.low", 18)
    view.constant("band.high", 24)
    view.at_most(["band.low"], ["on_track"])
    view.at_most(["on_track"], ["band.high"])
    return view
