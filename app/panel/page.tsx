import { PairingScreen } from "@/components/panel/pairing-screen";

/** `/panel`: the pairing screen of an unpaired tablet (a paired one goes on to its room). */
export default function PairingPage() {
  return <PairingScreen />;
}
