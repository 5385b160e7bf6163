"""Hybrid retrieval: dense (Chroma via LangChain) + BM25, weighted reciprocal rank fusion, filters, state boost."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.config import HEADING_CLEARLY_CLOSEST, HEADING_IS_QUESTION, HEADING_LEAD, Settings
from assistant.language.analysis import raw_tokens, stem
from assistant.models import GENERAL_SCOPES, Chunk, Filters, Hit, sentences_of
from assistant.question.query import QueryAnalysis, WithoutState, analyze_query, as_question
from assistant.question.understanding import heading_question, refers_back
from assistant.store.chroma import StoreUnavailable
from assistant.store.reader import IndexReader, Snapshot

# Chroma's HNSW graph differs between processes (items not yet synced to its index file are re-inserted on load):
# with 40 neighbours asked, a passage at rank 21 was missing in one process of four, and even 400 left the 40th
# place open for a question far from every passage, so the same question could get another answer after a restart.
# Up to this many passages Chroma is asked for all of them, which makes its search exhaustive and the result the
# same in every process (about 4 ms more per question at 1,400 passages); larger indexes use the approximate search.
EXACT_SEARCH_MAX = 5_000


@dataclass
class RetrievalResult:
    hits: list[Hit]
    query: QueryAnalysis
    query_vector: list[float]
    added: int = 0  # passages joined after the first ones the answer is composed from (a filtered state's own)


def chroma_where(filters: Filters | None) -> dict | None:
    if filters is None or filters.is_empty():
        return None
    clauses: list[dict] = []
    if filters.bundesland:
        clauses.append({"bundesland": {"$in": [filters.bundesland, *GENERAL_SCOPES]}})
    if filters.handlungsfeld:
        clauses.append({"handlungsfeld": {"$in": [filters.handlungsfeld, "alle"]}})
    if filters.type:
        clauses.append({"type": filters.type})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def matches(chunk: Chunk, filters: Filters | None) -> bool:
    if filters is None:
        return True
    meta = chunk.metadata
    if filters.bundesland and meta.get("bundesland") not in (filters.bundesland, *GENERAL_SCOPES):
        return False
    if filters.handlungsfeld and meta.get("handlungsfeld") not in (filters.handlungsfeld, "alle"):
        return False
    return not (filters.type and meta.get("type") != filters.type)


def heading_terms(text: str) -> set[str]:
    """Stemmed tokens including question words: headings are phrased like the questions they answer."""
    return {stem(token) for token in raw_tokens(text)}


def _minmax(values: np.ndarray) -> np.ndarray:
    spread = values.max() - values.min()
    return (values - values.min()) / spread if spread > 0 else np.ones_like(values)


class HybridRetriever:
    def __init__(self, settings: Settings, reader: IndexReader) -> None:
        self.settings = settings
        self.reader = reader

    def retrieve(
        self,
        question: str,
        k: int | None = None,
        filters: Filters | None = None,
        mode: str = "hybrid",
    ) -> RetrievalResult:
        k = k or self.settings.top_k
        snapshot = self.reader.snapshot()
        corrected = self.read(question, snapshot)
        query = analyze_query(corrected, snapshot.abbreviations)
        query.terms = [snapshot.correct(term) for term in query.terms]
        vector = self.reader.embeddings.embed_query(corrected)
        n = self.settings.candidates_k
        dense = self._dense(snapshot, vector, n, filters) if mode in ("hybrid", "dense") else {}
        # A heading is matched by the whole question or by the question a heading would ask (``heading_question``).
        asked = heading_question(corrected)
        vectors = [vector, self.reader.embeddings.embed_query(asked)] if asked else [vector]
        # A nationwide section's heading asks a state's question without the state.
        general = WithoutState.of(corrected, self.reader.embeddings.embed_query)
        all_bm25 = snapshot.keyword.scores(query.terms) if mode in ("hybrid", "bm25") else None
        keyword = self._keyword(snapshot, all_bm25, n, filters) if all_bm25 is not None else {}
        if mode == "hybrid" and self.settings.fusion == "score":
            fused = self._score_fusion(snapshot, dense, keyword, all_bm25, query.states)
        else:
            fused = self._rrf(snapshot, dense, keyword, query.states)
        fused = self._boost_headings(snapshot, fused, heading_terms(question))
        similarities = self._heading_similarities(snapshot, fused, vectors, general)
        fused = self._boost_similar_headings(fused, {c: float(row.max()) for c, row in similarities.items()})
        # "… eine IT-GmbH … Welche Voraussetzungen müssen dafür erfüllt sein?": a clause that points back asks
        # nothing a heading could ask on its own; it must not bring every "Welche Voraussetzungen …?" section.
        queries = slice(None) if not asked or not refers_back(asked) else slice(1)
        chosen = self._with_asked_heading(fused, k, {c: float(row[queries].max()) for c, row in similarities.items()})
        hits = [self._hit(snapshot.chunks[cid], score, dense, keyword) for cid, score in chosen]
        return RetrievalResult(merge_section_chunks(self._with_section_openings(snapshot, hits)), query, vector)

    def read(self, question: str, snapshot: Snapshot | None = None) -> str:
        """The question as search and question analysis read it (both must read the same text: the asked clause is
        taken from it on both sides). Typing slips are corrected for both the keyword and the sentence encoder side
        ("Gebühren", not "Gebuehren"), and a missing question mark is added."""
        return as_question((snapshot or self.reader.snapshot()).spell_corrected(question))

    def _with_section_openings(self, snapshot: Snapshot, hits: list[Hit]) -> list[Hit]:
        """A hit from the later part of a long section brings the section's first part: the first sentence of a
        section answers its heading, and an answer should be able to start there."""
        result: list[Hit] = []
        for hit in hits:
            if hit.metadata.get("section_part", "0") != "0":
                first = snapshot.section_chunks.get((hit.source, hit.section), [None])[0]
                if first and first != hit.chunk_id and all(h.chunk_id != first for h in hits):
                    result.append(self._hit(snapshot.chunks[first], hit.score, {}, {}))
            result.append(hit)
        return result

    def _dense(self, snapshot: Snapshot, vector: list[float], n: int, filters: Filters | None) -> dict[str, float]:
        try:
            # Ids and distances only: texts and metadata are in the snapshot already (fetching them triples the time).
            results = snapshot.collection.query(
                query_embeddings=[vector],
                n_results=max(len(snapshot.chunks), 1) if len(snapshot.chunks) <= EXACT_SEARCH_MAX else n,
                where=chroma_where(filters),
                include=["distances"],
            )
        except Exception as error:  # HTTP client errors when a Chroma server goes away
            self.reader.reset()
            raise StoreUnavailable("Der Suchindex (Chroma) ist gerade nicht erreichbar.") from error
        ids, distances = results["ids"][0][:n], results["distances"][0][:n]
        return {
            chunk_id: 1.0 - distance
            for chunk_id, distance in zip(ids, distances, strict=True)
            if chunk_id in snapshot.chunks
        }

    def _keyword(self, snapshot: Snapshot, scores: np.ndarray, n: int, filters: Filters | None) -> dict[str, float]:
        ids = snapshot.keyword.ids
        order = np.argsort(-scores)
        result: dict[str, float] = {}
        for position in order:
            if scores[position] <= 0 or len(result) >= n:
                break
            chunk = snapshot.chunks.get(ids[position])
            if chunk is not None and matches(chunk, filters):
                result[chunk.chunk_id] = float(scores[position])
        return result

    def _rrf(
        self, snapshot: Snapshot, dense: dict[str, float], keyword: dict[str, float], states: list[str]
    ) -> list[tuple[str, float]]:
        """Weighted reciprocal rank fusion (also the single-retriever path: one ranking, weight 1)."""
        k = self.settings.rrf_k
        fused: dict[str, float] = {}
        for weight, ranking in ((self.settings.dense_weight, dense), (self.settings.bm25_weight, keyword)):
            for rank, chunk_id in enumerate(ranking, start=1):
                fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (k + rank)
        return self._boost_states(snapshot, fused, states, self.settings.state_boost / (k + 1))

    def _score_fusion(
        self,
        snapshot: Snapshot,
        dense: dict[str, float],
        keyword: dict[str, float],
        all_bm25: np.ndarray,
        states: list[str],
    ) -> list[tuple[str, float]]:
        """Convex combination of min-max-normalised BM25 and cosine scores over both candidate lists.

        Measured better than RRF on the GermanQuAD dev split (docs/retrieval-experiments.md): RRF throws
        away how far ahead the best keyword match is.
        """
        candidates = list(dict.fromkeys([*keyword, *dense]))
        if not candidates:
            return []
        floor = min(dense.values()) if dense else 0.0  # Chroma returns only the top n
        positions = snapshot.keyword.positions
        bm25 = np.array([all_bm25[positions[c]] if c in positions else 0.0 for c in candidates])
        cosine = np.array([dense.get(c, floor) for c in candidates])
        share = self.settings.bm25_share
        scores = share * _minmax(bm25) + (1 - share) * _minmax(cosine)
        fused = dict(zip(candidates, scores.tolist(), strict=True))
        return self._boost_states(snapshot, fused, states, self.settings.state_boost * 0.2)

    @staticmethod
    def _boost_states(
        snapshot: Snapshot, fused: dict[str, float], states: list[str], boost: float
    ) -> list[tuple[str, float]]:
        """Passages about an asked state outrank nationwide ones: a document of that state gets twice the boost of
        a passage that only mentions it."""
        if states:
            wanted = set(states)
            for chunk_id in fused:
                if snapshot.chunks[chunk_id].metadata.get("bundesland") in wanted:
                    fused[chunk_id] += 2 * boost
                elif snapshot.states_mentioned[chunk_id] & wanted:
                    fused[chunk_id] += boost
        return sorted(fused.items(), key=lambda item: item[1], reverse=True)

    def _boost_headings(
        self, snapshot: Snapshot, fused: list[tuple[str, float]], terms: set[str]
    ) -> list[tuple[str, float]]:
        """Corpus sections are headed by the question they answer: reward candidates whose heading matches."""
        weight = self.settings.heading_boost
        if not weight or not terms or self.settings.fusion != "score":
            return fused
        boosted = []
        for chunk_id, score in fused:
            parts = snapshot.chunks[chunk_id].section.split(" > ")
            heading = heading_terms(parts[-1]) if len(parts) > 1 else set()
            overlap = len(terms & heading) / len(terms | heading) if heading else 0.0
            boosted.append((chunk_id, score + weight * overlap))
        return sorted(boosted, key=lambda item: item[1], reverse=True)

    def _heading_similarities(
        self,
        snapshot: Snapshot,
        fused: list[tuple[str, float]],
        vectors: list[list[float]],
        general: WithoutState | None = None,
    ) -> dict[str, np.ndarray]:
        """How closely each candidate's heading asks the user's question: USE cosine per query vector, and for a
        nationwide section how closely it asks the question without its state (``WithoutState``)."""
        known = [chunk_id for chunk_id, _ in fused if chunk_id in snapshot.heading_vectors]
        if not known:
            return {}
        queries = np.asarray(vectors, dtype=np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True).clip(min=1e-9)
        headings = np.stack([snapshot.heading_vectors[chunk_id] for chunk_id in known])
        cosines = headings @ queries.T
        if general is not None:
            chunks = [snapshot.chunks[chunk_id] for chunk_id in known]
            asked = [
                general.asked_by(chunk.heading, heading) if chunk.nationwide else 0.0
                for chunk, heading in zip(chunks, headings, strict=True)
            ]
            cosines = np.column_stack([cosines, asked])
        return dict(zip(known, cosines, strict=True))

    def _boost_similar_headings(
        self, fused: list[tuple[str, float]], similarities: dict[str, float]
    ) -> list[tuple[str, float]]:
        """A heading that asks the user's question in other words marks the section that answers it.

        Multilingual USE is trained for question-to-question similarity: "Wie gründen wir einen Zweckverband?"
        is close to the heading "Wie wird ein Zweckverband gegründet?" even where the words differ.
        """
        weight = self.settings.heading_similarity_boost
        if not weight or not similarities:
            return fused
        floor = self.settings.heading_similarity_floor
        boosted = [
            (chunk_id, score + weight * max(0.0, similarities.get(chunk_id, 0.0) - floor)) for chunk_id, score in fused
        ]
        return sorted(boosted, key=lambda item: item[1], reverse=True)

    @staticmethod
    def _with_asked_heading(
        fused: list[tuple[str, float]], k: int, similarities: dict[str, float]
    ) -> list[tuple[str, float]]:
        """The top k, with a section whose heading asks the question in the last place when none of them has one:
        words of the question that other passages share ("Wie gründe ich mit den Nachbargemeinden einen
        Zweckverband?" – a case study about Nachbargemeinden) must not push out the section that answers it."""
        asking = headings_asking(similarities)
        asks = [chunk_id in asking for chunk_id, _ in fused]
        if k < 2 or any(asks[:k]) or not any(asks[k:]):
            return fused[:k]
        return fused[: k - 1] + [fused[asks.index(True, k)]]

    @staticmethod
    def _hit(chunk: Chunk, score: float, dense: dict[str, float], keyword: dict[str, float]) -> Hit:
        return Hit(
            chunk_id=chunk.chunk_id,
            text=chunk.text,
            source=chunk.source,
            title=chunk.title,
            section=chunk.section,
            page=chunk.page,
            source_url=chunk.metadata.get("source_url"),
            metadata={k: v for k, v in chunk.metadata.items() if k not in ("file_hash",)},
            sentences=chunk.sentences,
            units=chunk.units,
            score=score,
            dense_score=dense.get(chunk.chunk_id),
            bm25_score=keyword.get(chunk.chunk_id),
        )


def headings_asking(similarities: dict[str, float]) -> set[str]:
    """The candidates whose heading asks the question: those at least HEADING_IS_QUESTION close to it, or else the
    one heading that is clearly closer than all others (a colloquial wording lowers every similarity, not the
    order: "Kann man uns eigentlich zwingen, in einen Zweckverband einzutreten?" – "Können wir gezwungen werden,
    einem Zweckverband beizutreten?" 0.72, the next heading 0.58)."""
    asking = {chunk_id for chunk_id, similarity in similarities.items() if similarity >= HEADING_IS_QUESTION}
    if asking:
        return asking
    # sections of one heading share its vector, and so its similarity
    ranked = sorted(set(similarities.values()), reverse=True)
    if not ranked or ranked[0] < HEADING_CLEARLY_CLOSEST or (len(ranked) > 1 and ranked[0] - ranked[1] < HEADING_LEAD):
        return set()
    return {chunk_id for chunk_id, similarity in similarities.items() if similarity == ranked[0]}


def merge_section_chunks(hits: list[Hit]) -> list[Hit]:
    """One passage per section: long sections are split into overlapping chunks, and two retrieved chunks of one
    section become one passage (first rank, best score, units in order without the overlap), so an answer cites
    a section once and can run on across the split."""
    merged: dict[tuple[str, str], Hit] = {}
    for hit in hits:
        key = (hit.source, hit.section)
        if key not in merged:
            merged[key] = hit
            continue
        first = merged[key]
        ordered = sorted([first, hit], key=lambda h: int(h.metadata.get("section_part", "0")))
        units, seen, offset = [], set(), 0
        for part in ordered:
            for unit in part.units:
                if unit.text not in seen:
                    units.append(unit.model_copy(update={"block": unit.block + offset}))
                    seen.add(unit.text)
            offset = max((u.block for u in units), default=0) + 1
        merged[key] = first.model_copy(
            update={
                "units": units,
                "sentences": sentences_of(units),
                "text": "\n".join(unit.text for unit in units),
                "metadata": {**first.metadata, "section_part": ordered[0].metadata.get("section_part", "0")},
            }
        )
    return list(merged.values())
