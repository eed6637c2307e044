/**
 * What pdfkit 0.20 does that @types/pdfkit (written for 0.17) does not yet
 * declare: structure elements built from a closure, layout attributes for
 * figures and an attachment's relationship.
 */
declare namespace PDFKit.Mixins {
  interface PDFMarking {
    struct(tag: string, children: PDFStructureElementChild | PDFStructureElementChild[]): PDFStructureElement;
  }
  interface StructureElementOptions {
    bbox?: [number, number, number, number];
    placement?: 'Block' | 'Inline';
  }
  interface PDFAttachmentOptions {
    relationship?: 'Source' | 'Data' | 'Alternative' | 'Supplement' | 'EncryptedPayload' | 'FormData' | 'Schema' | 'Unspecified';
  }
}
