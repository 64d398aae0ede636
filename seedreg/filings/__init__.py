"""林木种子生产经营备案 (种子法 Art. 38 ¶1): the filing matter's details schema, its services on
the shared application tables (owned by ``matters``), its API and its receipt. Filed, not
approved: a complete filing is recorded (flow ``matters.transitions.FILING``)."""
