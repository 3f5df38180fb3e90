"""Maximal Nash subsets of a bimatrix game from its extreme equilibria (private module).

The set of all Nash equilibria of a bimatrix game is the union of finitely many *maximal Nash
subsets* ``conv(X') x conv(Y')``, where ``X'``, ``Y'`` are sets of extreme equilibrium strategies such
that every pair in ``X' x Y'`` is an (extreme) equilibrium: maximal bicliques of the bipartite graph
whose edges are the extreme equilibria (Winkels 1979; Avis, Rosenberg, Savani and von Stengel 2010,
*Economic Theory* 42; gambit's "cliques" output). In a nondegenerate game every subset is one
equilibrium.

Maximal bicliques are the closed pairs ``(X(Y), Y)`` where ``Y`` ranges over the nonempty
intersections of neighbourhoods ``N(x)`` and ``X(Y) = {x : Y <= N(x)}``.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["maximal_bicliques"]


def maximal_bicliques(edges: Iterable[tuple[int, int]]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques ``(xs, ys)`` of the bipartite graph with the given ``(x, y)`` edges, sorted.

    >>> maximal_bicliques([(0, 0), (0, 1), (1, 2)])
    [((0,), (0, 1)), ((1,), (2,))]
    >>> maximal_bicliques([(0, 0), (0, 1), (1, 0), (1, 1)])
    [((0, 1), (0, 1))]
    """
    nbr: dict[int, frozenset[int]] = {}
    for x, y in edges:
        nbr[x] = nbr.get(x, frozenset()) | {y}
    family = set(nbr.values())
    frontier = list(family)
    while frontier:
        Y = frontier.pop()
        for N in nbr.values():
            Z = Y & N
            if Z and Z not in family:
                family.add(Z)
                frontier.append(Z)
    out = []
    for Y in family:
        X = tuple(sorted(x for x, N in nbr.items() if Y <= N))
        # keep Y only if it is closed (the intersection of the neighbourhoods of its X)
        closure = frozenset.intersection(*(nbr[x] for x in X))
        if closure == Y:
            out.append((X, tuple(sorted(Y))))
    return sorted(out)
