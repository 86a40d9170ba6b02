/**
 * supabase-js builds a realtime client in its constructor and, on Node < 22 (no global
 * WebSocket), throws right there unless a transport is given. The app never subscribes to
 * realtime on the server; this only lets server-side clients be created on Node 20.
 */
import WebSocket from "ws";

export const nodeRealtimeOptions = { transport: WebSocket } as const;
