"""Key afforestation projects (重点工程造林) and the seedlings delivered to them, each checked
by its label against the registry (licence, certificates, label, species, introduction), and
the 良种 share against the plan (种子法第四十四条): a state-funded project below its share
raises a lead "应当使用良种而未使用良种" against its construction unit (``leads``)."""
