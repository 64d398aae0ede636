"""Requests along the 两证一签 chain (issue 17): the operator asks for a station quality
inspection (质量检验申请), a production-site quarantine (产地检疫申请, 植物检疫条例 Art. 11) or a
consignment quarantine (调运检疫报检, Arts. 7–10); the 种苗站 and the 检疫员 work them from queues
and answer through the quality and quarantine services. Matters on the shared application tables
(owned by ``matters``); details as pydantic schemas; no tables of their own."""
