"""Typical wrong answers for 7_mlops/07_system_design_and_capstone. Each must be rejected by its check cell."""


def _servers(expression: str) -> str:
    return f"""
def servers_needed(peak_qps, seconds_per_request, workers_per_server, target_utilisation):
    import math
    busy_workers = peak_qps * seconds_per_request
    return {expression}
"""


def _canary(variance: str = "pooled * (1 - pooled) * (1 / baseline_requests + 1 / canary_requests)",
            rollback: str = "z > z_threshold", promote: str = "canary_requests >= min_requests",
            difference: str = "canary_errors / canary_requests - baseline_errors / baseline_requests") -> str:
    return f"""
def canary_decision(baseline_errors, baseline_requests, canary_errors, canary_requests, min_requests=1000,
                    z_threshold=2.33):
    import math
    pooled = (baseline_errors + canary_errors) / (baseline_requests + canary_requests)
    variance = {variance}
    difference = {difference}
    z = difference / math.sqrt(variance) if variance > 0 else 0.0
    if {rollback}:
        return "rollback"
    if {promote}:
        return "promote"
    return "wait"
"""


MISTAKES = {
    "servers_needed": {
        "rounds to the nearest server instead of up": _servers(
            "round(busy_workers / (workers_per_server * target_utilisation))"),
        "truncates (int) instead of rounding up": _servers(
            "int(busy_workers / (workers_per_server * target_utilisation))"),
        "ceiling without removing floating-point noise": _servers(
            "math.ceil(busy_workers / (workers_per_server * target_utilisation))"),
        "forgets the target utilisation": _servers("math.ceil(busy_workers / workers_per_server - 1e-9)"),
        "multiplies by the utilisation": _servers(
            "math.ceil(busy_workers * target_utilisation / workers_per_server - 1e-9)"),
        "forgets the workers per server": _servers("math.ceil(busy_workers / target_utilisation - 1e-9)"),
        "always adds a spare server": _servers(
            "int(busy_workers / (workers_per_server * target_utilisation)) + 1"),
        "at least one server even without traffic": _servers(
            "max(1, math.ceil(busy_workers / (workers_per_server * target_utilisation) - 1e-9))"),
        "returns a float": _servers(
            "float(math.ceil(busy_workers / (workers_per_server * target_utilisation) - 1e-9))"),
        "divides the rate by the time": _servers(
            "math.ceil(peak_qps / seconds_per_request / (workers_per_server * target_utilisation) - 1e-9)"),
    },
    "canary_decision": {
        "unpooled variance": _canary(
            variance="(canary_errors / canary_requests) * (1 - canary_errors / canary_requests) / canary_requests"
                     " + (baseline_errors / baseline_requests) * (1 - baseline_errors / baseline_requests)"
                     " / baseline_requests"),
        "two-sided: rolls back a canary that is better": _canary(rollback="abs(z) > z_threshold"),
        "baseline and canary swapped in the difference": _canary(
            difference="baseline_errors / baseline_requests - canary_errors / canary_requests"),
        "never waits": _canary(promote="True"),
        "waits for min_requests before it may roll back": _canary(
            rollback="z > z_threshold and canary_requests >= min_requests"),
        "counts the baseline's requests for promotion": _canary(promote="baseline_requests >= min_requests"),
        "compares error counts, not rates": _canary(difference="(canary_errors - baseline_errors) / canary_requests"),
        "forgets the square root": _canary(rollback="(difference / variance if variance > 0 else 0.0) > z_threshold"),
        "only the canary's sample size in the variance": _canary(
            variance="pooled * (1 - pooled) / canary_requests"),
        "promotes only above min_requests (strictly)": _canary(promote="canary_requests > min_requests"),
    },
}

FAMILY_EXEMPTIONS = {
    "servers_needed": {
        "swaps `peak_qps` and `seconds_per_request`": "Little's law uses only their product, which is symmetric",
        "swaps `workers_per_server` and `target_utilisation`": "only their product (the usable workers of a server) "
                                                              "counts, which is symmetric",
    },
}
