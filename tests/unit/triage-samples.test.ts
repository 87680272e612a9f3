import { describe, expect, it } from "vitest";
import { triageText, type TriageCategory } from "@/lib/domain/triage";

// Written the way staff actually send them: typos, forwarded headers, signatures full of phone numbers.
const SAMPLES: Record<TriageCategory, string[]> = {
  permissions: [
    `From: Sarah Jones (THE DENSHAM SURGERY)
Sent: 14 March 2025 09:12
To: RA Team
Subject: FW: CSMS acess

Hi

I require access to the Cervical Screening Management System (CSMS) but access permissions may not have been allocated to my Care Identity profile.

Smartcard ID: 5555 1234 5678

Please refer to guidance for registration authorities for instructions on how to update my Care Identity profile to allow me access to CSMS.

Many thanks
Sarah Jones
Practice Nurse
The Densham Surgery (A81001)
Tel: 01642 672351`,
    `Hiya, when i try to log into csms it just says No Valid Role?? my smartcard number is 5555-1234-5678. I work at Queens Park Medical Centre A81002
thanks
Dr Amir Patel, GP
Mob: 07700 900123`,
    `Good morning,
Could you please add the cervicalscreening workgroup to my profile for Bluebell Medical Centre (ODS A81004), I'm the new practice manager and need access to CSMS for the PNL.
card no 555512345679
Kind regards Jo`,
    `Hello, I get an error saying I am not in the correct workgroup when I log in to the cervical screening system.
ID 5555 1234 5680
Thank you
Linda (HCA), Hillside Surgery, +44 (0)1642 672351`,
    `Dear RA, I'm a locum nurse working across B82001 and C83001 - please can my RBAC role be added for both sites. smartcard 5555 1234 5681

Sent from my iPhone`,
    `I require access to the Cervical Screening Management System (CSMS) but access permissions may not have been allocated to my Care Identity profile.

Smartcard ID: (Enter your smartcard ID number)

Please refer to guidance for registration authorities for instructions on how to update my Care Identity profile to allow me access to CSMS.

Sent from Mail for Windows`,
    // Context that is not the problem: the guidance's own logging-out advice, the browser, a mail footer.
    `From: Amy Hughes
Sent: 25 November 2026 08:02
To: RA Team
Subject: CSMS access

Hi,

I require access to the Cervical Screening Management System (CSMS) but access permissions may not have been allocated to my Care Identity profile.

Smartcard ID: 5555 - 0000 - 0001

Please refer to guidance for registration authorities for instructions on how to update my Care Identity profile to allow me access to CSMS.

I have logged out and closed the browser (Microsoft Edge) but it's the same.

Thanks
Amy

Get Outlook for Android`,
    `Hi RA team, my card got locked on Friday but the service desk unlocked it this morning. Now when I log in to CSMS it says no valid role. Smartcard 5555.0000.0002, Hillside Surgery B82002.
Sent from my iPhone`,
  ],
  smartcard_locked: [
    `Hi, my smartcard is locked after i put the wrong passcode in 3 times, can you unlock it please?
Thanks
Karen, Reception, Harbour Practice
Tel 01642 672351`,
    `I have forgotten my pin for my smart card and cant log into CSMS. smartcard id 5555 1234 5678`,
    `Card locked again!! Need to do smears this afternoon, please help asap. Ext 4567`,
    `Hello, I've been locked out of my smartcard - too many attempts. Could someone reset my passcode?
Dr M O'Neill`,
    `-----Original Message-----
From: reception.b82002@nhs.net
Sent: 02 January 2025 08:31
Subject: smartcard

My card says its blocked. I think I forgot the passcode over the holidays`,
    `I was getting no valid role on CSMS last week and now my card is locked as well, sorry!`,
    `Hi, the desk unlocked my card last week but I've forgotten the new passcode already, sorry! Can you help? Karen`,
  ],
  no_care_id: [
    `Hi, I'm a new starter at Castle Surgery (C83002) and I don’t have a smartcard yet. My manager said I need CSMS access for sample taking. How do I get one?
Thanks, Priya
Tel: 01642 672351`,
    `I have never had a Care ID, how do I apply for one? I start as a sample taker next month.`,
    `New starter without a card - can you book her in for an ID check so she can get going please. Practice Manager, Riverside Practice (C83001)`,
    `Please could I apply for a smartcard, I need to access the cervical screening system for my role.
Regards, Tom (HCA)`,
    `Our new nurse hasn't got a smartcard yet, she's been waiting for her smartcard since January. Can she still have access to CSMS?`,
  ],
  technical: [
    `Hi, the CSMS page won't load on my PC, just a blank screen after I select Log in with my Care Identity.
Smartcard ID 5555 1234 5678
Tel 01642 672351`,
    `My card reader isn't being recognised since the Windows update this morning, the Identity Agent shows an error. Can someone look at it? Thanks, Reception A81001`,
    `Getting error 500 when I go to cervicalscreening.nhs.uk in Chrome. Tried clearing cache. Dr Lee`,
    `Keep getting a certificate warning on the CSMS site and it won't let me continue. IT say its not them?`,
    `Hello, CSMS keeps timing out halfway through the prior notification list, is there a problem with the site?

Sent from Mail for Windows`,
    `smartcard not recognised in the reader on the new laptop, tried two different USB ports`,
  ],
  unclear: [
    `Hi, can you give me a ring when you get a chance?
Thanks, Jane
Tel: 01642 672351 | Mob: 07700 900123`,
    `FW: (no subject)

See below

-----Original Message-----
From: Bob Smith
Sent: 12 March 2025 10:14
Subject:
`,
    `Is the RA drop-in still on Thursday at Riverside Practice?`,
    `5555 1234 5678`,
    `Hello, please see attached screenshot.
Regards, Mark Evans
Job Role: Practice Manager, Hillside Surgery B82002`,
    `Hi there, I changed my surname after getting married, how do I update it on my profile? Sarah (formerly Smith)`,
    // Has a card, just not today: not "no Care ID"; a temporary card is for the RA to arrange by hand.
    `Morning, I don't have my smartcard with me today - I left it at home. Is there a temporary card I can use for clinic? Thanks, Jo (Practice Nurse)`,
  ],
};

describe("triageText classifies real-looking requests", () => {
  for (const [category, texts] of Object.entries(SAMPLES)) {
    it.each(texts.map((text, i) => [i + 1, text] as const))(`${category} sample %i`, (_i, text) => {
      expect(triageText(text).category).toBe(category);
    });
  }
});

describe("the details pulled out of the samples", () => {
  it("the forwarded template: ID, practice, and not the phone number", () => {
    const t = triageText(SAMPLES.permissions[0]!);
    expect(t).toMatchObject({ smartcardIds: ["555512345678"], nearMisses: [], odsCodes: ["A81001"], placeholderUntouched: false });
  });

  it("the screenshot description: the error and the practice", () => {
    const t = triageText(SAMPLES.permissions[1]!);
    expect(t).toMatchObject({ smartcardIds: ["555512345678"], csmsErrors: ["no_valid_role"], odsCodes: ["A81002"] });
  });

  it("the locum: both organisations", () => {
    expect(triageText(SAMPLES.permissions[4]!).odsCodes).toEqual(["B82001", "C83001"]);
  });

  it("a signature with an international number and (0) gives no ID and no near miss", () => {
    const t = triageText(SAMPLES.permissions[3]!);
    expect(t).toMatchObject({ smartcardIds: ["555512345680"], nearMisses: [], csmsErrors: ["no_workgroup"] });
  });

  it("the template with spaced dashes and an Outlook footer: the ID, no near miss", () => {
    expect(triageText(SAMPLES.permissions[6]!)).toMatchObject({ smartcardIds: ["555500000001"], nearMisses: [], csmsErrors: [] });
  });

  it("the unlocked card: a dotted ID, the error and the practice", () => {
    const t = triageText(SAMPLES.permissions[7]!);
    expect(t).toMatchObject({ smartcardIds: ["555500000002"], csmsErrors: ["no_valid_role"], odsCodes: ["B82002"] });
  });

  it("a bare ID with no words is an ID but an unclear request", () => {
    expect(triageText(SAMPLES.unclear[3]!)).toMatchObject({ smartcardIds: ["555512345678"], category: "unclear" });
  });

  it("the locked card wins over an earlier CSMS error, which is still reported", () => {
    expect(triageText(SAMPLES.smartcard_locked[5]!).csmsErrors).toEqual(["no_valid_role"]);
  });

  it("a CSMS error outranks technical and no-Care-ID words: the person got through login", () => {
    expect(triageText("Chrome shows no workgroup").category).toBe("permissions");
    expect(triageText("I don't have a smartcard, I use the Authenticator app and it says no valid role").category).toBe(
      "permissions",
    );
  });

  it("a category's cues are highlighted", () => {
    const text = SAMPLES.technical[2]!;
    const cues = triageText(text).spans.filter((s) => s.kind === "category_cue").map((s) => text.slice(s.start, s.end));
    expect(cues).toEqual(["error 500", "Chrome", "cache"]);
  });
});
