import { z } from "zod";

export const LoginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "That email address is too long").email("Enter an email address like name@example.nhs.uk"),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});
