"""林木种子生产经营许可证: application, acceptance, review, decision, licence, register."""
