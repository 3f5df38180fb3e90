"""The exact area of a unanimity winset clipped to the policy square, for many draws at once (issue 12).

The winset of the status quo ``q`` for members with ideal points ``a_k`` is the intersection of the discs
``D(a_k, |q - a_k|)`` (Euclidean preferences, module ``space``); clipped to ``[-1, 1]^2`` its area is
``∫ max(0, top(x) - bottom(x)) dx`` with ``top = min(1, min_k (a_ky + h_k(x)))``,
``bottom = max(-1, max_k (a_ky - h_k(x)))`` and ``h_k(x) = sqrt(r_k^2 - (x - a_kx)^2)``. Between consecutive
breakpoints -- every disc's extreme abscissae, the abscissae where two circles cross, where a circle crosses
``y = ±1``, and ``x = ±1`` -- the arc (or line) that forms ``top`` and the one that forms ``bottom`` do not
change, so each piece is integrated in closed form,
``∫ sqrt(r^2 - u^2) du = (u sqrt(r^2 - u^2) + r^2 asin(u / r)) / 2``: exact up to rounding, with no
quadrature error (``space.winset_area_in_square`` integrates the same chord with adaptive quadrature, to
~1e-10). Memory: ``O(n K^2)`` for ``n`` draws of ``K`` members (the caller chunks the draws).
"""

from __future__ import annotations

import numpy as np

__all__ = ["clipped_winset_area"]

BOX = (-1.0, 1.0)


def _primitive(x: np.ndarray, c: np.ndarray, r: np.ndarray) -> np.ndarray:
    """``∫_c^x sqrt(r^2 - (t - c)^2) dt`` for ``|x - c| <= r`` (clipped to the disc's extent)."""
    u = np.clip(x - c, -r, r)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.sqrt(np.maximum(r * r - u * u, 0.0))
        a = np.where(r > 0, np.arcsin(np.clip(u / np.where(r > 0, r, 1.0), -1.0, 1.0)), 0.0)
    return 0.5 * (u * s + r * r * a)


def clipped_winset_area(centres: np.ndarray, status_quo: np.ndarray) -> np.ndarray:
    """The area of ``∩_k D(centres[:, k], |status_quo - centres[:, k]|) ∩ [-1, 1]^2`` for each draw.

    ``centres``: ``(n, K, 2)`` ideal points (``K >= 1``); ``status_quo``: ``(n, 2)``. Returns ``(n,)``.

    >>> round(float(clipped_winset_area(np.array([[[1.0, 0.0]]]), np.array([[0.0, 0.0]]))[0]), 12)
    1.570796326795
    """
    c = np.asarray(centres, dtype=float)
    q = np.asarray(status_quo, dtype=float)
    n, K, _ = c.shape
    cx, cy = c[..., 0], c[..., 1]
    r = np.hypot(cx - q[:, None, 0], cy - q[:, None, 1])
    brk = [cx - r, cx + r, np.full((n, 1), BOX[0]), np.full((n, 1), BOX[1])]
    for yl in BOX:  # a circle crosses y = ±1
        dy = yl - cy
        h = np.sqrt(np.where(r * r >= dy * dy, r * r - dy * dy, np.nan))
        brk += [cx - h, cx + h]
    if K > 1:  # two circles cross
        i, j = np.triu_indices(K, 1)
        x1, y1, r1 = cx[:, i], cy[:, i], r[:, i]
        x2, y2, r2 = cx[:, j], cy[:, j], r[:, j]
        dx, dy = x2 - x1, y2 - y1
        d2 = dx * dx + dy * dy
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.sqrt(d2)
            a = (r1 * r1 - r2 * r2 + d2) / (2 * d)
            hh = r1 * r1 - a * a
            h = np.sqrt(np.where(hh >= 0, hh, np.nan))
            mx = x1 + a * dx / d
            brk += [mx - h * dy / d, mx + h * dy / d]
    xs = np.concatenate(brk, axis=1)
    xs = np.where(np.isfinite(xs), np.clip(xs, BOX[0], BOX[1]), BOX[0])
    xs.sort(axis=1)
    lo, hi = xs[:, :-1], xs[:, 1:]
    mid = 0.5 * (lo + hi)  # (n, P)
    du = mid[..., None] - cx[:, None, :]  # (n, P, K)
    inside = (du * du < (r * r)[:, None, :]).all(axis=-1)
    h_mid = np.sqrt(np.maximum((r * r)[:, None, :] - du * du, 0.0))
    up = cy[:, None, :] + h_mid
    dn = cy[:, None, :] - h_mid
    k_top, k_bot = up.argmin(axis=-1), dn.argmax(axis=-1)
    top_arc = np.take_along_axis(up, k_top[..., None], -1)[..., 0] < BOX[1]
    bot_arc = np.take_along_axis(dn, k_bot[..., None], -1)[..., 0] > BOX[0]
    top_v = np.where(top_arc, np.take_along_axis(up, k_top[..., None], -1)[..., 0], BOX[1])
    bot_v = np.where(bot_arc, np.take_along_axis(dn, k_bot[..., None], -1)[..., 0], BOX[0])
    width = hi - lo
    ok = inside & (top_v > bot_v) & (width > 0)

    def arc_integral(k: np.ndarray) -> np.ndarray:  # ∫_lo^hi h_k(x) dx
        ck = np.take_along_axis(cx, k, 1)
        rk = np.take_along_axis(r, k, 1)
        return _primitive(hi, ck, rk) - _primitive(lo, ck, rk)

    cy_top, cy_bot = np.take_along_axis(cy, k_top, 1), np.take_along_axis(cy, k_bot, 1)
    top_int = np.where(top_arc, cy_top * width + arc_integral(k_top), BOX[1] * width)
    bot_int = np.where(bot_arc, cy_bot * width - arc_integral(k_bot), BOX[0] * width)
    return np.where(ok, top_int - bot_int, 0.0).sum(axis=1)
