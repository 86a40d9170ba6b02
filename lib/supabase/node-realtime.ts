/**
 * supabase-js builds a realtime client in its constructor and, on Node < 22 (no global
 * WebSocket), throws right there unless a transport is given. The app never subscribes to
 * realtime on the server; this only lets server-side clients be created on Node 20.
 */
import type { RealtimeClientOptions } from "@supabase/supabase-js";
import WebSocket from "ws";

type Transport = NonNullable<RealtimeClientOptions["transport"]>;

export const nodeRealtimeOptions: RealtimeClientOptions = {
  // ws implements the browser WebSocket API realtime-js calls; only its typings differ from the
  // DOM's (a server-side `address: null` overload, ws-specific event types), hence the cast.
  transport: WebSocket as unknown as Transport,
};
