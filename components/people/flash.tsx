"use client";

import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Flash = { show: (message: string) => void };

const FlashContext = createContext<Flash>({ show: () => undefined });

export const useFlash = () => useContext(FlashContext);

/**
 * Holds the last success message above the forms, which may disappear once the change lands;
 * focus moves to it so a keyboard user is not dropped back at the top of the page.
 */
export function FlashProvider({ children }: { children: ReactNode }) {
  const [flash, setFlash] = useState<{ message: string; at: number }>();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (flash) ref.current?.focus();
  }, [flash]);
  return (
    <FlashContext.Provider value={{ show: (message) => setFlash({ message, at: Date.now() }) }}>
      <div role="status" aria-live="polite">
        {flash && (
          <p ref={ref} tabIndex={-1} className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-bold">
            {flash.message}
          </p>
        )}
      </div>
      {children}
    </FlashContext.Provider>
  );
}
