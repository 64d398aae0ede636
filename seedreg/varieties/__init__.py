"""The 良种 register (林木良种: 审定 and 认定, issue 16): improved varieties with their numbers,
approving bodies, suitable zones, recognition periods and stop orders (停止推广). Kept by the
league admin; read by introductions, lots and labels."""
