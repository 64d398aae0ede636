"""Cases (立案) and their decisions (行政处罚决定): opened from a check's finding, run through
the stages of 行政处罚法 with the 90-day clock, printed, and published masked (行政执法公示)."""
