"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

type Flash = { show: (message: string) => void };

const FlashContext = createContext<Flash>({ show: () => undefined });

export const useFlash = () => useContext(FlashContext);

/** Holds the last success message above the forms, which may disappear once the change lands. */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState<string>();
  return (
    <FlashContext.Provider value={{ show: setMessage }}>
      <div role="status" aria-live="polite">
        {message && <p className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold">{message}</p>}
      </div>
      {children}
    </FlashContext.Provider>
  );
}
