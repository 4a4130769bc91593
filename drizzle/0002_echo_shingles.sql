-- The shingles of a normalized quote text, as hashes (services/echoes.ts storeEchoes): every run of
-- three words, every run of one or two words of 15 characters or more (so that a two-word partial
-- quote such as "national disgrace" shares a shingle with the quote it was cut from), and the whole
-- text when it has fewer than three words. 64 bits of MD5: a collision only adds a candidate, which
-- the echo rules then check. Ingest and the benchmark corpus both call it, so they cannot disagree.
CREATE FUNCTION echo_shingles(normalized_text text) RETURNS SETOF bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT DISTINCT ('x' || substr(md5(array_to_string(w.words[i:i + k - 1], ' ')), 1, 16))::bit(64)::bigint
  FROM (SELECT regexp_split_to_array(normalized_text, ' ') AS words) w,
    generate_series(1, least(3, cardinality(w.words))) k,
    generate_series(1, cardinality(w.words) - k + 1) i
  WHERE normalized_text <> ''
    AND (k = 3 OR k = cardinality(w.words) OR length(array_to_string(w.words[i:i + k - 1], ' ')) >= 15)
$$;
