"""Web plumbing shared by every domain: templates, errors, forms, the signed-in actor."""
