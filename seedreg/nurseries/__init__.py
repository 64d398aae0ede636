"""Nursery bases (苗圃基地): the register the 种苗站 keeps, the directive's state-nursery target
(兴署发〔2021〕6号 四) and the officials' map. Lots name their base through this package's
lookup service; only this package writes the register."""
