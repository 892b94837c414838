//! URLs of the published site (in progress).
pub struct BaseUrl;
impl BaseUrl {
    pub fn parse(_s: &str) -> Result<BaseUrl, String> {
        Ok(BaseUrl)
    }
}
