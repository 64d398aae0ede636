"""E-licences (兴署发〔2021〕5号 Art. 27): every issued or changed licence goes to the region's
e-licence library with its national electronic-licence identifier (GB/T 36904), through an outbox
drained by a job with retries. The identifier's codes are local settings."""
