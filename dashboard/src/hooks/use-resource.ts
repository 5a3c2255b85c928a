import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { WaymarkClient } from "@waymark/shared";
import { call, errorText } from "../api.ts";

export interface Resource<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads something from the API when `key` changes; keeps the last data while reloading so pages do not flash.
 * Answers to a stale key are dropped.
 */
export function useResource<T>(load: (c: WaymarkClient) => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const n = ++latest.current;
    setLoading(true);
    try {
      const value = await call(loader.current);
      if (n !== latest.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (n !== latest.current) return;
      setError(errorText(err));
    } finally {
      if (n === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key]);

  return { data, error, loading, reload };
}
