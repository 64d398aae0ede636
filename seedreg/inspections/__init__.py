"""Law-enforcement inspections (执法检查, product map §6): the violation catalogue with the fine
each item carries, the annual inspection plans per jurisdiction and the 双随机 draw of targets and
inspector pairs, published for the public (双随机一公开).

Not the quality tests of seedreg.quality.inspections (质量检验): these are the forestry
authority's checks of producers and traders under 种子法 Art. 49."""
