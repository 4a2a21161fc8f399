import { createContext, useContext } from "react";

/** The per-response CSP nonce that lets Remix's own inline scripts run. */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
