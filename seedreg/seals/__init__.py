"""Electronic seals on issued documents (兴署发〔2021〕5号 Arts. 26–27).

One interface, ``Sealer.seal(pdf_bytes, document_kind) -> bytes``, with three adapters: none
(the document goes out as rendered), the local test signer (PAdES with pyHanko, a self-made
certificate and a visible 测试 mark: never a lawful seal) and the region's unified electronic-seal
system (HTTP, configured by deployment settings). A local setting chooses the adapter.
"""
